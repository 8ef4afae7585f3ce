import { MongoBulkWriteError, MongoNetworkError, MongoServerError } from 'mongodb';
import { isDatabaseUnavailable } from './unavailable';

const serverError = (code: number, message: string) => new MongoServerError({ message, code, ok: 0 });

describe('isDatabaseUnavailable: the server going away under an operation', () => {
  it.each([
    ['MongoDB ShutdownInProgress', serverError(91, 'The server is in quiesce mode and will shut down')],
    ['MongoDB InterruptedAtShutdown', serverError(11600, 'interrupted at shutdown')],
    ['MongoDB PrimarySteppedDown', serverError(189, 'Primary stepped down while waiting for replication')],
    ['MongoDB NotWritablePrimary', serverError(10107, 'not primary')],
    // As FerretDB answered a find in flight at its shutdown in the restart fault test.
    [
      'FerretDB at shutdown',
      serverError(1, '[msg_find.go:344 handler.handleMaxTimeMSError] [query_iterator.go:80 postgresql.(*queryIterator).Next] context canceled after delay'),
    ],
    [
      'FerretDB without PostgreSQL',
      serverError(1, 'failed to connect to `user=ferretdb database=ferretdb`: dial tcp 127.0.0.1:5432: connect: connection refused'),
    ],
    ['wrapped', new Error('projection failed', { cause: serverError(11600, 'interrupted at shutdown') })],
    ['a dropped connection', new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed')],
    // As the driver wraps a connection lost under an insertMany (the restart fault test).
    ['an insertMany cut off', new MongoBulkWriteError(new MongoNetworkError('This socket has been ended by the other party'), {} as never)],
    // As the driver wraps FerretDB's answer to an insertMany in flight at its shutdown (the vault writes a registration's key so): its code and message copied onto the bulk error.
    [
      'an insertMany answered at shutdown',
      new MongoBulkWriteError(serverError(1, '[msg_insert.go:170 handler.(*Handler).MsgInsert] context canceled'), {} as never),
    ],
    ['an insertMany interrupted at shutdown (MongoDB)', new MongoBulkWriteError(serverError(11600, 'interrupted at shutdown'), {} as never)],
    // As the driver wraps Node's refusal of a write after the server's FIN under the vault's insertMany: the socket's
    // code ('EPIPE') copied onto the bulk error, the error itself kept as its errorResponse (the restart fault test).
    [
      'an insertMany written to a socket the server had closed',
      new MongoBulkWriteError(Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }), {} as never),
    ],
    // As Node's socket refuses a write after the server's FIN, passed on unwrapped by the driver (the restart fault test).
    ['a write after the server closed', Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' })],
  ])('%s: unavailable, waited out or retried', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a duplicate key', serverError(11000, 'E11000 duplicate key error')],
    ['a bad query', serverError(2, 'unknown operator: $foo')],
    ['another FerretDB internal error', serverError(1, 'unexpected type int64 in projection')],
    ['a plain error', new Error('context canceled')],
    ['a message alone, without a socket’s code', new Error('This socket has been ended by the other party')],
    ['another system error', Object.assign(new Error('no such file'), { code: 'ENOENT' })],
    ['an insertMany refused by a unique key', new MongoBulkWriteError({ message: 'E11000 duplicate key error', code: 11000, writeErrors: [] }, {} as never)],
    ['an insertMany that failed for another reason', new MongoBulkWriteError(serverError(1, 'unexpected type int64 in projection'), {} as never)],
  ])('%s: a fault, not an outage', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
