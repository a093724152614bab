/** Benchmark section `forward`: placeholder until its owner replaces this file. */
export async function run(): Promise<Record<string, unknown>> {
  return { status: 'not built yet' };
}
