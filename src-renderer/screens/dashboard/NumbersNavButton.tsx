import { useSession } from '../../api/hooks';
import { NavButton } from '../../components/NavButton';
import { useT } from '../../i18n';
import { useDesk } from '../../state/desk';

/** "Numbers" in the navigation, for the owner only: the figures show the shop's takings. */
export function NumbersNavButton() {
  const { t } = useT('dashboard');
  const isOwner = useSession().data?.actor.role === 'owner';
  const screen = useDesk((state) => state.screen);
  const setScreen = useDesk((state) => state.setScreen);
  if (!isOwner) return null;
  return (
    <NavButton className="nav-button" current={screen === 'numbers'} onClick={() => setScreen('numbers')}>
      {t('nav')}
    </NavButton>
  );
}
