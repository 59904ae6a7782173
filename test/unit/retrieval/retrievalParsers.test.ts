import { describe, expect, it } from 'vitest';
import { parseCoreDumpList } from '../../../electron/core/retrieval/coreDumps';
import { LineSplitter, followArgv } from '../../../electron/core/retrieval/logFollow';
import { logTreeArgv, parseLogTree } from '../../../electron/core/retrieval/logTree';
import { bytesNeeded, readFreeBytes, readProcessMemory } from '../../../electron/core/retrieval/memoryDumpFacts';

const nul = (...fields: Array<string | Buffer>) => Buffer.concat(fields.flatMap((f) => [Buffer.isBuffer(f) ? f : Buffer.from(f, 'utf8'), Buffer.from([0])]));

describe('the log tree listing', () => {
  it('reads kinds, sizes, times and owners, with names holding spaces, line breaks and bytes that are not UTF-8', () => {
    const output = Buffer.concat([
      nul('4096 1700000000 root 41ed', '/var/log/apps'),
      nul('12 1700000001 admin 81a4', '/var/log/apps/with space\nand break.log'),
      nul('7 1700000002 root 81a4', Buffer.concat([Buffer.from('/var/log/caf'), Buffer.from([0xe9]), Buffer.from('.log')])),
      nul('11 0 root a1ff', '/var/log/link'),
      nul('garbage', '/var/log/x'),
      nul('3 1700000003 root 81a4'),
    ]);
    const tree = parseLogTree(output);
    expect(tree.entries).toEqual([
      { path: '/var/log/apps', kind: 'dir', sizeBytes: 4096, modifiedAt: '2023-11-14T22:13:20.000Z', owner: 'root' },
      { path: '/var/log/apps/with space\nand break.log', kind: 'file', sizeBytes: 12, modifiedAt: '2023-11-14T22:13:21.000Z', owner: 'admin' },
      { path: '/var/log/caf\uFFFD.log', kind: 'file', sizeBytes: 7, modifiedAt: '2023-11-14T22:13:22.000Z', owner: 'root' },
      { path: '/var/log/link', kind: 'link', sizeBytes: 11, modifiedAt: null, owner: 'root' },
    ]);
    expect(tree.skipped).toBe(1);
    expect(tree.truncated).toBe(false);
  });

  it('says when the list was cut at its limit', () => {
    expect(parseLogTree(Buffer.concat([nul('1 1 root 81a4', '/var/log/a'), nul('T')]))).toMatchObject({ truncated: true, entries: [{ path: '/var/log/a' }] });
  });

  it('passes the folder as an argument, never inside the script', () => {
    const argv = logTreeArgv("/var/log/'; rm -rf /", 5);
    expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(argv[2]).not.toContain('rm -rf');
    expect(argv.slice(3)).toEqual(['sh', "/var/log/'; rm -rf /", '5']);
    expect(followArgv('/var/log/$(x)', 10).slice(3)).toEqual(['sh', '/var/log/$(x)', '10']);
  });
});

describe('the core dump listing', () => {
  it('lists a file once when both folders are the same one, by their resolved path and by device and inode', () => {
    const output = Buffer.concat([
      nul('R', '/var/log/core_dumps', '/mnt/sda2/log/core_dumps'),
      nul('F', '2049:11 100 1700000000', '/var/log/core_dumps/manager/core.1'),
      nul('F', '2049:12 200 1700000100', '/var/log/core_dumps/webserver/core 2'),
      nul('R', '/mnt/sda2/log/core_dumps', '/mnt/sda2/log/core_dumps'),
      nul('F', '2049:11 100 1700000000', '/mnt/sda2/log/core_dumps/manager/core.1'),
    ]);
    expect(parseCoreDumpList(output)).toEqual([
      { path: '/var/log/core_dumps/webserver/core 2', service: 'webserver', sizeBytes: 200, mtime: 1700000100 },
      { path: '/var/log/core_dumps/manager/core.1', service: 'manager', sizeBytes: 100, mtime: 1700000000 },
    ]);
  });

  it('keeps files of a second folder that is another one (bind mounts are told apart by inode)', () => {
    const output = Buffer.concat([
      nul('R', '/var/log/core_dumps', '/var/log/core_dumps'),
      nul('F', '1:1 5 10', '/var/log/core_dumps/a/core.1'),
      nul('R', '/mnt/sda2/log/core_dumps', '/mnt/sda2/log/core_dumps'),
      nul('F', '1:1 5 10', '/mnt/sda2/log/core_dumps/a/core.1'),
      nul('F', '1:2 6 11', '/mnt/sda2/log/core_dumps/b/core.2'),
    ]);
    expect(parseCoreDumpList(output).map((d) => d.path)).toEqual(['/mnt/sda2/log/core_dumps/b/core.2', '/var/log/core_dumps/a/core.1']);
  });
});

describe('following lines', () => {
  it('splits a byte stream into lines across chunks, UTF-8 or Latin-1, and ends with the rest', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('one\ntw'))).toEqual(['one']);
    expect(splitter.push(Buffer.concat([Buffer.from('o\r\ncaf'), Buffer.from([0xe9]), Buffer.from('\nh\u00e9\n', 'utf8')]))).toEqual(['two', 'caf\u00e9', 'h\u00e9']);
    expect(splitter.push(Buffer.from('tail'))).toEqual([]);
    expect(splitter.end()).toEqual(['tail']);
  });
});

describe('memory dump facts', () => {
  it('reads a process status and the free space of df -kP', () => {
    const memory = readProcessMemory('Name:\tmanager\nState:\tS (sleeping)\nVmSize:\t  204800 kB\nVmRSS:\t   51200 kB\n');
    expect(memory).toEqual({ name: 'manager', rssBytes: 51200 * 1024, vmSizeBytes: 204800 * 1024 });
    expect(readProcessMemory('Name:\tkthreadd\nState:\tS\n')).toBeNull();
    expect(bytesNeeded(memory as NonNullable<typeof memory>)).toBe(51200 * 1024 + 64 * 1024 * 1024);
    expect(readFreeBytes('Filesystem     1024-blocks    Used Available Capacity Mounted on\n/dev/sda2          126931  120000      1000      99% /mnt/sda2\n')).toBe(1000 * 1024);
    expect(readFreeBytes('Filesystem 1024-blocks Used Available Capacity Mounted on\n')).toBeNull();
  });
});
