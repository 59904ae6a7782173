/** tar's own closing line, which adds nothing to the lines before it. */
const CLOSING = /^Exiting with failure status due to previous errors$|^Error exit delayed from previous errors/;

/** Sentences for what tar printed while it archived the log tree (GNU and busybox wordings). */
export function tarProblems(messages: readonly string[]): string[] {
  const problems: string[] = [];
  for (const raw of messages) {
    const line = raw.replace(/^(?:\/\S*\/)?tar: /, '').trim();
    if (line === '' || CLOSING.test(line)) continue;
    const match = /^(.+?): (.+)$/.exec(line);
    const path = match?.[1] ? `/${match[1].replace(/^\/+/, '')}` : '';
    const why = match?.[2] ?? '';
    if (!match) problems.push(`tar on the platform reported: ${line}.`);
    else if (/removed before we read it|No such file or directory/i.test(why)) problems.push(`${path} vanished while the logs were collected; it is not in the bundle.`);
    else if (/file changed as we read it/i.test(why)) problems.push(`${path} changed while it was collected (a log still being written); the bundle holds it as it was read.`);
    else if (/shrank by/i.test(why)) problems.push(`${path} shrank while it was collected; the bundle holds it padded with zeros to the size it had when tar began it.`);
    else if (/socket ignored/i.test(why)) problems.push(`${path} is a socket, not a file; it was left out.`);
    else if (/Cannot (open|read|stat|readlink|savedir)|Permission denied|Input\/output error/i.test(why)) problems.push(`${path} could not be read on the platform (${why}); it is not in the bundle, or not whole.`);
    else problems.push(`tar on the platform reported for ${path}: ${why}.`);
  }
  return problems;
}
