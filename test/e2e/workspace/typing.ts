// Sample for the typing scenario: the test fixes the eval below and types a new insecure line.
export function parse(input: string): unknown {
  return eval(input);
}
