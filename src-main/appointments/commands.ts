import { commandFor } from '../commands/commandFor';

export const createAppointment = commandFor('appointment', 'create');
export const rescheduleAppointment = commandFor('appointment', 'reschedule');
export const changeAppointmentService = commandFor('appointment', 'changeService');
export const updateAppointmentNotes = commandFor('appointment', 'updateNotes');
export const cancelAppointment = commandFor('appointment', 'cancel');
export const restoreAppointment = commandFor('appointment', 'restore');
export const markNoShow = commandFor('appointment', 'markNoShow');
export const clearNoShow = commandFor('appointment', 'clearNoShow');
export const deleteAppointment = commandFor('appointment', 'delete');
export const undeleteAppointment = commandFor('appointment', 'undelete');
export const undoAppointmentChange = commandFor('appointment', 'undo');
