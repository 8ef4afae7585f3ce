import { contractSdl } from '@mms/service-kit';

export const monitoringSdl = contractSdl('monitoring');
