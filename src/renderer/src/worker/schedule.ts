/**
 * A zero-delay scheduler for the engine's training loop: nested setTimeout(0) calls are clamped
 * to 4 ms by browsers, which would cap a fast network at a fraction of its speed. A
 * MessageChannel posts a task instead; incoming messages (pause, stop, learning rate) are
 * still handled between slices because each callback is a separate task.
 */
export function createZeroDelayScheduler(): (fn: () => void) => void {
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const fn = queue.shift();
    if (fn) fn();
  };
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}
