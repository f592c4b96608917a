import { AnywayChoice } from '../../components/AnywayChoice';
import { useT } from '../../i18n';

/**
 * The "Book anyway" choice beside an OUT_OF_STOCK refusal: the booking goes ahead and the shortage
 * is recorded. A checkout's sale says "Sell anyway" (`label`).
 */
export function BookAnyway(props: { onChoose: () => void; label?: string }) {
  const { t } = useT('stock');
  return <AnywayChoice label={props.label ?? t('outOfStock.bookAnyway')} onChoose={props.onChoose} />;
}
