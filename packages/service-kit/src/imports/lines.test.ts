import { readLines, SourceLine } from './lines';

const bytes = (s: string) => new TextEncoder().encode(s);
const all = async (chunks: Array<Uint8Array | string>, maxLineBytes = 1000): Promise<SourceLine[]> => {
  const out: SourceLine[] = [];
  for await (const l of readLines(chunks, { maxLineBytes })) out.push(l);
  return out;
};
const texts = (lines: SourceLine[]) => lines.map((l) => ('text' in l ? l.text : `!${l.problem}`));

describe('readLines', () => {
  it('splits on LF, CRLF and a lone CR, numbering every line, blank ones included', async () => {
    expect(texts(await all(['a\nb\r\nc\rd\n\ne']))).toEqual(['a', 'b', 'c', 'd', '', 'e']);
    expect((await all(['a\n\nb'])).map((l) => l.number)).toEqual([1, 2, 3]);
  });

  it('gives the same lines however the bytes are cut, a CRLF or a multi-byte letter across chunks too', async () => {
    const text = 'имя;балл\r\nИванова;7,5\r\nПетров;8\rСидоров;9\n';
    const whole = texts(await all([text]));
    expect(whole).toEqual(['имя;балл', 'Иванова;7,5', 'Петров;8', 'Сидоров;9']);
    const b = bytes(text);
    for (let cut = 1; cut < b.length; cut++) expect(texts(await all([b.subarray(0, cut), b.subarray(cut)]))).toEqual(whole);
    expect(texts(await all([...b].map((x) => Uint8Array.of(x))))).toEqual(whole);
  });

  it('drops a byte order mark and keeps a last line without a line break', async () => {
    expect(texts(await all(['\uFEFFa;b\nc;d']))).toEqual(['a;b', 'c;d']);
    expect(await all([])).toEqual([]);
    expect(await all(['\n'])).toEqual([{ number: 1, text: '' }]);
  });

  it('reports a line over the limit without holding it, and goes on with the next', async () => {
    const long = 'x'.repeat(50);
    const lines = await all(['ok\n', long.slice(0, 20), long.slice(20), '\nnext\n'], 30);
    expect(lines).toEqual([
      { number: 1, text: 'ok' },
      { number: 2, problem: 'the line is longer than 30 bytes' },
      { number: 3, text: 'next' },
    ]);
  });

  it('reports a line that is not UTF-8 (a Windows-1251 file) by its number', async () => {
    const cp1251 = Uint8Array.of(0xc8, 0xe2, 0xe0, 0xed, 0x0a); // "Иван" in Windows-1251
    expect(await all([bytes('a\n'), cp1251, bytes('b')])).toEqual([
      { number: 1, text: 'a' },
      { number: 2, problem: 'the line is not UTF-8 text (save the file as UTF-8)' },
      { number: 3, text: 'b' },
    ]);
  });

  it('shows every chunk to the tap first, and stops when it throws', async () => {
    const seen: number[] = [];
    const read = async () => {
      for await (const _ of readLines(['ab\n', 'cd\n', 'ef\n'], {
        maxLineBytes: 10,
        tap: (c) => {
          seen.push(c.length);
          if (seen.length === 2) throw new Error('too much');
        },
      }));
    };
    await expect(read()).rejects.toThrow('too much');
    expect(seen).toEqual([3, 3]);
  });
});
