import { businessCommands } from '../commands/businessCommands';

/** The intake form commands by name (declared in src-shared/registry/formTemplate.ts and formResponse.ts). */
export const { create: createFormTemplate, update: updateFormTemplate, archive: archiveFormTemplate } = businessCommands.formTemplate;
export const { create: fillForm, answer: answerForm, sign: signForm, undo: undoFormChange } = businessCommands.formResponse;
