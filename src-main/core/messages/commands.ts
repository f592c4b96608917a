import { businessCommands } from '../commands/businessCommands';

/** The message commands by name (declared in src-shared/registry/message.ts, docs/architecture.md §17). */
export const {
  create: createMessage,
  reschedule: rescheduleMessage,
  cancel: cancelMessage,
  startSending: startSendingMessage,
  recordSent: recordMessageSent,
  recordDelivered: recordMessageDelivered,
  recordFailure: recordMessageFailure,
  markUncertain: markMessageUncertain,
  markMissed: markMessageMissed,
  retry: retryMessage,
  undo: undoMessageChange,
} = businessCommands.message;
