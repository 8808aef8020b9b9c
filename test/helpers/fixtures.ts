import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ResourceSet, readResources } from '../../src/core/fhir/parse.js';

/** The fixed "now" the hand-authored fixtures are written against. */
export const FIXTURE_NOW = new Date('2026-11-01T09:00:00+05:00');

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

export function loadResources(name: string): ResourceSet {
  return readResources(loadFixture(name));
}
