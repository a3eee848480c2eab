/** Command line entry: `jixiao template …`, `jixiao check …`. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`jixiao ${argv.join(' ')}\n`);
  return 0;
}
