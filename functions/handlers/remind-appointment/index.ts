/** Community phase: an SMS reminder to the person a day before an appointment (if they gave a mobile). */
import { remindAppointment } from '#functions/services/community.ts';
import { appointmentStep } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(appointmentStep, (deps, p) => remindAppointment(deps, p, p.now));
