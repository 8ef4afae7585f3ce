/* Development token minting: `npm run token -- --role teacher --municipality m-1 ...` */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ensureDevKeys, readPem } from '../keys';
import { mintUserToken } from '../user-token';
import { isRole, ROLES } from '../roles';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    municipality: { type: 'string' },
    organization: { type: 'string' },
    educator: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '8h' },
    keys: { type: 'string', default: process.env['MMS_KEYS_DIR'] ?? resolve(process.cwd(), '.local/keys') },
  },
});

const main = async () => {
  if (!isRole(values.role)) {
    process.stderr.write(`--role must be one of: ${ROLES.join(', ')}\n`);
    process.exit(2);
  }
  const files = ensureDevKeys(values.keys!);
  const token = await mintUserToken(readPem(files.userPrivate), {
    subject: values.subject ?? `dev-${values.role}`,
    role: values.role,
    municipality: values.municipality,
    organization: values.organization,
    educator: values.educator,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
};

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
