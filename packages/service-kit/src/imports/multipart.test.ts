import { MultipartError, multipartBoundary, multipartFile } from './multipart';

const body = (boundary: string, parts: Array<{ headers: string; content: string }>) =>
  `preamble\r\n${parts.map((p) => `--${boundary}\r\n${p.headers}\r\n\r\n${p.content}\r\n`).join('')}--${boundary}--\r\nepilogue`;

const read = async (chunks: Uint8Array[], boundary: string) => {
  const out: Buffer[] = [];
  for await (const c of multipartFile(chunks, boundary)) out.push(Buffer.from(c));
  return Buffer.concat(out).toString('utf8');
};

/** Cuts bytes into pieces of `size` (1: byte by byte). */
const pieces = (text: string, size: number) => {
  const b = Buffer.from(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
};

describe('multipart/form-data uploads', () => {
  const B = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
  const file = 'educator_id;area;score;max_score;taken_on\r\ne1;DIGITAL;5;10;2025-10-01\r\n--not-the-boundary\r\n';
  const text = body(B, [
    { headers: 'Content-Disposition: form-data; name="importId"', content: 'i-1' },
    { headers: 'Content-Disposition: form-data; name="file"; filename="d.csv"\r\nContent-Type: text/csv', content: file },
    { headers: 'Content-Disposition: form-data; name="other"; filename="x.csv"', content: 'ignored' },
  ]);

  it('takes the boundary from the content type', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary('multipart/form-data; boundary="a b"; charset=utf-8')).toBe('a b');
    expect(multipartBoundary('text/csv')).toBeNull();
  });

  it('streams the first file part out, whatever the chunk sizes', async () => {
    for (const size of [1, 2, 7, 64, 100_000]) expect(await read(pieces(text, size), B)).toBe(file);
  });

  it("tells the file part's name and content type before its first byte", async () => {
    const info: { name?: string | null; contentType?: string | null } = {};
    const seen: Array<string | null | undefined> = [];
    for await (const _ of multipartFile(pieces(text, 3), B, info)) seen.push(info.name);
    expect(info).toEqual({ name: 'd.csv', contentType: 'text/csv' });
    expect(seen[0]).toBe('d.csv');
    const xlsx = body(B, [
      {
        headers: `Content-Disposition: form-data; name="file"; filename="bad.csv"; filename*=UTF-8''%D0%B1%D0%B0%D0%BB%D0%BB%D1%8B.xlsx\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`,
        content: 'PK',
      },
    ]);
    const other: { name?: string | null; contentType?: string | null } = {};
    expect(
      await (async () => {
        const out: Buffer[] = [];
        for await (const c of multipartFile(pieces(xlsx, 5), B, other)) out.push(Buffer.from(c));
        return Buffer.concat(out).toString();
      })(),
    ).toBe('PK');
    expect(other).toEqual({ name: 'баллы.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  });

  it('refuses a body without a file, or cut off inside it', async () => {
    const noFile = body(B, [{ headers: 'Content-Disposition: form-data; name="importId"', content: 'x' }]);
    await expect(read(pieces(noFile, 5), B)).rejects.toThrow(MultipartError);
    await expect(read(pieces(text.slice(0, text.indexOf('e1;DIGITAL') + 5), 5), B)).rejects.toThrow('ended inside the file');
  });
});
