import { useT } from '../../i18n';

/**
 * The mark on a visit whose service asks for a form nobody has signed yet (docs/architecture.md
 * §27): "Form missing" on the card (each form named to a screen reader and on hover), each form by
 * name in the drawer. The day view's query carries the names (`formsMissing`), so no card asks for
 * its own forms.
 */
export function FormsMissingTag(props: { names: readonly string[]; named?: boolean }) {
  const { t } = useT('forms');
  if (props.names.length === 0) return null;
  if (props.named === true) {
    return props.names.map((name) => (
      <span key={name} className="stage forms-missing" data-testid="forms-missing">
        {t('missingNamed', { name })}
      </span>
    ));
  }
  const named = props.names.map((name) => t('missingNamed', { name })).join(', ');
  return (
    <span className="stage forms-missing" data-testid="forms-missing" title={named}>
      {t('missingCount', { count: props.names.length })}
      <span className="sr-only">: {named}</span>
    </span>
  );
}
