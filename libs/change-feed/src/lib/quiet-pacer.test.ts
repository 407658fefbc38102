import { QuietPacer } from './quiet-pacer';

describe('QuietPacer', () => {
  it('doubles the pause after each round that found nothing, up to the quiet pause', () => {
    const pacer = new QuietPacer(100, 700);
    expect([1, 2, 3, 4, 5].map(() => pacer.roundEnded())).toEqual([200, 400, 700, 700, 700]);
  });

  it('is back at the interval after a round that found a change made by others, however long it was quiet', () => {
    const pacer = new QuietPacer(100, 800);
    for (let i = 0; i < 5; i += 1) pacer.roundEnded();
    pacer.saw(0);
    pacer.saw(3);
    pacer.saw(0);
    expect(pacer.roundEnded()).toBe(100);
    expect(pacer.roundEnded()).toBe(200);
  });

  it('keeps a fixed pause when the quiet pause is the interval', () => {
    const pacer = new QuietPacer(100, 100);
    expect([1, 2, 3].map(() => pacer.roundEnded())).toEqual([100, 100, 100]);
  });
});
