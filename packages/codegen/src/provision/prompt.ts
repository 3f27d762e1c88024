// Terminal prompts. The hidden prompt keeps the terminal from echoing: readline puts a TTY in raw
// mode, and its own echo goes to a muted stream, so what is typed never reaches the screen.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";

export interface PromptStreams {
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
}

export class PromptCancelledError extends Error {
  override readonly name = "PromptCancelledError";
}

export function promptHidden(question: string, streams: PromptStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const sink = new Writable({
      write(chunk, encoding, callback) {
        if (!muted) streams.output.write(chunk, encoding);
        callback();
      },
    });
    const rl = createInterface({ input: streams.input, output: sink, terminal: true });
    let answered = false;
    rl.on("SIGINT", () => rl.close());
    rl.on("close", () => {
      if (!answered) reject(new PromptCancelledError("Cancelled: no value was given."));
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      streams.output.write("\n");
      resolve(answer);
    });
    // The question is on screen by now; from here on nothing typed is echoed.
    muted = true;
  });
}

export function confirm(question: string, streams: PromptStreams): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: streams.input, output: streams.output, terminal: Boolean(streams.input.isTTY) });
    let answered = false;
    rl.on("close", () => {
      if (!answered) resolve(false);
    });
    rl.question(`${question} [y/N] `, (answer) => {
      answered = true;
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
