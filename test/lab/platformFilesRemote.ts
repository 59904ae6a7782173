import { inPlatform } from './platformNamespace';

/** Writes a file inside the platform's own filesystem (the data partition is mounted there only). */
export async function writeInPlatform(name: string, path: string, content: string | Buffer, owner = 'root:root'): Promise<void> {
  await inPlatform(name, ['sh', '-ec', 'mkdir -p "$(dirname "$1")"; cat > "$1"; chown "$2" "$1"', 'sh', path, owner], { input: content });
}
