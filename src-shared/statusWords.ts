import type { AppointmentStatus } from './entities';

/** A visit's status in words, wherever it is shown or written (screens, history, exports). */
export const appointmentStatusWords: Readonly<Record<AppointmentStatus, string>> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  arrived: 'Arrived',
  in_service: 'In the chair',
  completed: 'Done',
  held: 'Held',
};
