/**
 * Display widths without string-width (src/cli/output/width.ts knownWidth): wherever it knows a width, it
 * is string-width's, for every code point alone, followed by U+FE0F, and before what could join or modify
 * it; so a list whose text is only such characters shows the same columns without loading string-width.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { knownWidth } from '../src/cli/output/width.js';

describe('knownWidth', () => {
  it('is string-width’s wherever it knows a width, for every code point alone and with U+FE0F', () => {
    let known = 0;
    const wrong: string[] = [];
    for (let point = 0; point < 0x30000; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const char = String.fromCodePoint(point);
      for (const text of [char, `${char}\uFE0F`, `a${char}b`]) {
        const width = knownWidth(text);
        if (width < 0) continue;
        known++;
        if (width !== stringWidth(text)) wrong.push(`U+${point.toString(16)} ${JSON.stringify(text)}`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(known).toBeGreaterThan(40000);
  });

  it('leaves to string-width what joins or modifies a character, and knows the common kinds', () => {
    for (const text of ['🏋️‍♂️', '👍🏽', '🇨🇳', '1️⃣', '中\u3099', 'é\u0301', '✅\uFE0E', '\u00ad', 'a\u200bb', '\u0007'])
      expect(knownWidth(text), text).toBe(-1);
    expect(knownWidth('🔧 Deep Learning Compiler')).toBe(stringWidth('🔧 Deep Learning Compiler'));
    expect(knownWidth('🏋️ LLM Training/RL Training')).toBe(stringWidth('🏋️ LLM Training/RL Training'));
    expect(knownWidth('深度学习 — 読書中 「x」 ＡＢ 한국어 café ’quoted’ …')).toBe(
      stringWidth('深度学习 — 読書中 「x」 ＡＢ 한국어 café ’quoted’ …'),
    );
  });
});
