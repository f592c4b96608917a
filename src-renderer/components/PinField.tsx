import { TextField } from './TextField';

/**
 * A PIN typed at the desk: hidden, with a number pad on a touch screen. `autoComplete` says whether
 * the browser may fill in a saved PIN (`current-password`), offer to keep a new one (`new-password`)
 * or neither (`off`: signing in at a shared desk). A refusal about it shows beside it (`error`).
 */
export function PinField(
  props: Omit<Parameters<typeof TextField>[0], 'type' | 'inputMode' | 'autoComplete'> & {
    autoComplete: 'off' | 'current-password' | 'new-password';
  },
) {
  return <TextField type="password" inputMode="numeric" {...props} />;
}
