/**
 * The disk layout the Proxmox VE installer writes by default, as the storage-chain migration
 * derives it: partition 1 EFI, 2 swap, 3 the LVM physical volume of VG `pve`, which holds the
 * root LV (`/`, and with it the `local` directory storage at /var/lib/vz) and the `data` thin pool
 * (`local-lvm`). The sizes are the installer's defaults: written, and reported to be confirmed.
 */

/** The volume group the installer creates; a v4.0 pool naming it says "default install". */
export const PROXMOX_VG = 'pve';

/** The installer's EFI system partition, in MB. */
export const EFI_SIZE_MB = 512;

/** The installer caps swap at 8 GB, at the host's memory and at an eighth of the disk. */
export function defaultSwapGb(memoryGb: number | undefined, diskGb: number | undefined): number {
  return Math.max(1, Math.floor(Math.min(8, memoryGb ?? 8, diskGb !== undefined ? diskGb / 8 : 8)));
}

/** The installer gives root a quarter of the disk, at most 96 GB. */
export function defaultRootGb(diskGb: number | undefined): number {
  return diskGb !== undefined ? Math.max(1, Math.floor(Math.min(96, diskGb / 4))) : 96;
}

/** The filesystem the installer formats root with on LVM. */
export const ROOT_FS_TYPE = 'ext4';

/** Number of the PV partition: the one an os_device names on that disk, else the installer's third. */
export const DEFAULT_PV_PARTITION = 3;
