import { businessCommands } from '../commands/businessCommands';

/** The appointment commands by name (declared in src-shared/registry/appointment.ts). */
export const {
  create: createAppointment,
  reschedule: rescheduleAppointment,
  changeService: changeAppointmentService,
  updateNotes: updateAppointmentNotes,
  cancel: cancelAppointment,
  restore: restoreAppointment,
  markNoShow,
  clearNoShow,
  checkIn,
  startService,
  checkOut,
  confirmHold,
  releaseHold,
  expireHold,
  delete: deleteAppointment,
  undelete: undeleteAppointment,
  undo: undoAppointmentChange,
} = businessCommands.appointment;
