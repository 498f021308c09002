/**
 * How a track's classification follows from what its detections said. Only explicit statements
 * count ('unknown' says nothing), the most severe one holds, and it holds for good: a later
 * 'friendly' — possibly spoofed — never downgrades a track somebody called hostile or suspect.
 */
import type { Classification } from '../model.js';

export interface ClassificationTally {
  hostile: boolean;
  suspect: boolean;
  friendly: boolean;
  /** Some detection classified the track (anything but 'unknown'). */
  classified: boolean;
  /** Every classifying detection so far marked it an exercise. */
  allExercise: boolean;
}

export function emptyTally(): ClassificationTally {
  return { hostile: false, suspect: false, friendly: false, classified: false, allExercise: true };
}

export function tally(t: ClassificationTally, classification: Classification, exercise: boolean): void {
  if (classification === 'unknown') return;
  t[classification] = true;
  t.classified = true;
  t.allExercise &&= exercise;
}

export function resolve(t: ClassificationTally): { classification: Classification; exercise: boolean } {
  const classification: Classification = t.hostile ? 'hostile' : t.suspect ? 'suspect' : t.friendly ? 'friendly' : 'unknown';
  // An exercise marking must be unanimous: one real hostile report makes the whole track real.
  return { classification, exercise: t.classified && t.allExercise };
}

/** Friendly against hostile or suspect: two aircraft, however close they fly. */
export function conflicts(a: Classification, b: Classification): boolean {
  const threat = (c: Classification): boolean => c === 'hostile' || c === 'suspect';
  return (a === 'friendly' && threat(b)) || (b === 'friendly' && threat(a));
}
