import { useT } from '../i18n';
/**
 * A table's column headings. `actions` adds the last column, for the row's buttons: it has no
 * visible heading, but a screen reader names it.
 */
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  const { t } = useT('components');
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col">
            <span className="sr-only">{t('actions')}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
