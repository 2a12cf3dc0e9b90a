/** Staff members, by id and by role (GSI1: the enforcement team, managers). */
import type { Staff } from '#domain/entities.ts';
import type { StaffRole } from '#domain/types.ts';
import { GSI1, requireId, rolePartition, staffKey } from '../repository-keys.ts';
import { itemOf, type Table, toRecord } from './records.ts';

export async function putStaff(table: Table, staff: Staff): Promise<void> {
  requireId(staff.staffId, 'staffId');
  await table.store.put(
    itemOf(staffKey(staff.staffId), 'STAFF', staff, {
      gsi1pk: rolePartition(staff.role),
      gsi1sk: `STAFF#${staff.staffId}`,
    }),
  );
}

export async function getStaff(table: Table, staffId: string): Promise<Staff | undefined> {
  const item = await table.store.get(staffKey(requireId(staffId, 'staffId')));
  return item ? toRecord<Staff>(item) : undefined;
}

export async function listStaffByRole(table: Table, role: StaffRole): Promise<Staff[]> {
  const items = await table.store.query({
    index: GSI1,
    partition: rolePartition(role),
    beginsWith: 'STAFF#',
  });
  return items.map((item) => toRecord<Staff>(item));
}
