import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createZoneOffsets } from './zone-offsets.ts';

const hourMs = 3_600_000;
// New York springs forward at 2024-03-10T07:00Z and falls back at 2024-11-03T06:00Z.
const springMs = Date.parse('2024-03-10T07:00:00Z');
const fallMs = Date.parse('2024-11-03T06:00:00Z');

describe('createZoneOffsets', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, number, number][] = [
    ['just before spring forward', springMs - 1, -5 * hourMs],
    ['exactly at spring forward', springMs, -4 * hourMs],
    ['just before fall back', fallMs - 1, -4 * hourMs],
    ['exactly at fall back', fallMs, -5 * hourMs],
  ];
  for (const [name, epochMs, offsetMs] of cases) {
    it(`${name}, asked first`, () => {
      assert.equal(createZoneOffsets('America/New_York').offsetAt(epochMs), offsetMs);
    });
  }

  it('gives the same answers whatever it has remembered, in any order of questions', () => {
    const offsets = createZoneOffsets('America/New_York');
    const order = [springMs, fallMs - 1, springMs - 1, fallMs, springMs + hourMs, fallMs + 1];
    const fresh = order.map((ms) => createZoneOffsets('America/New_York').offsetAt(ms));
    assert.deepEqual(
      order.map((ms) => offsets.offsetAt(ms)),
      fresh,
    );
  });

  it('splits a span at the transitions inside it', () => {
    const stretches = createZoneOffsets('Europe/London').stretches([
      Date.parse('2024-03-30T00:00:00Z'),
      Date.parse('2024-04-01T00:00:00Z'),
    ]);
    assert.deepEqual(
      stretches.map((s) => [new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString(), s.offsetMs]),
      [
        ['2024-03-30T00:00:00.000Z', '2024-03-31T01:00:00.000Z', 0],
        ['2024-03-31T01:00:00.000Z', '2024-04-01T00:00:00.000Z', hourMs],
      ],
    );
  });

  it('a zone without DST is one stretch (Seoul)', () => {
    const stretches = createZoneOffsets('Asia/Seoul').stretches([0, Date.parse('2030-01-01T00:00:00Z')]);
    assert.equal(stretches.at(-1)?.offsetMs, 9 * hourMs);
    assert.equal(stretches.at(-1)?.endMs, Date.parse('2030-01-01T00:00:00Z'));
  });
});
