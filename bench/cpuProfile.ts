/** CPU profiles (`node --cpu-prof`) read as time per part of the process. */

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Which part of the process a function belongs to: a package, one of our folders, or Node itself. */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const packagePath = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packagePath) return packagePath[1]!;
  const ours = /\/(src|bench|web)\/([^/]+)\//.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return url.includes('http') ? 'node: http' : 'node: other';
  return 'other';
}

/** CPU milliseconds per owner, over the samples taken after `skipMs` (start-up and warm-up); idle left out. */
export function cpuByOwner(profile: CpuProfile, skipMs: number, owner: typeof ownerOf = ownerOf): Array<{ owner: string; milliseconds: number }> {
  const owners = new Map(profile.nodes.map((node) => [node.id, owner(node.callFrame.url, node.callFrame.functionName)]));
  const totals = new Map<string, number>();
  let elapsedUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsedUs += delta;
    const owner = owners.get(id)!;
    if (elapsedUs / 1000 < skipMs || owner === '(idle)') return;
    totals.set(owner, (totals.get(owner) ?? 0) + delta / 1000);
  });
  return [...totals].map(([owner, milliseconds]) => ({ owner, milliseconds })).sort((a, b) => b.milliseconds - a.milliseconds);
}

