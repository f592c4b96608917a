import { MessageProviders } from './MessageProviders';
import { MessageRules } from './MessageRules';
import { TemplateEditor } from './TemplateEditor';

/** Settings → Messages (docs/architecture.md §21): when and how the shop messages clients, its texts, its providers. */
export function MessageSettings() {
  return (
    <>
      <MessageRules />
      <TemplateEditor />
      <MessageProviders />
    </>
  );
}
