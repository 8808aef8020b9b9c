import type { CodeableConcept } from '../fhir/schemas.js';
import { memoizeString } from '../util/memo.js';
import { DRUG_AGENTS, DRUG_CLASSES } from './knowledge-base.js';
import { NameIndex } from './names.js';
import type { DrugAgent, DrugClass, DrugRole, Vaccine } from './types.js';
import { vaccineByCvx } from './vaccines.js';

export const ATC_SYSTEMS = new Set([
  'http://www.whocc.no/atc',
  'http://fhir.de/CodeSystem/bfarm/atc',
  // HL7 OID of the WHO ATC classification
  'urn:oid:2.16.840.1.113883.6.73',
]);
export const RXNORM_SYSTEM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';

export type MatchVia = 'local' | 'rxnorm' | 'atc' | 'atc-prefix' | 'cvx' | 'name';

/** An agent (or at least its class) recognised in a coded or written medication. */
export interface AgentMatch {
  agent?: DrugAgent;
  drugClass: DrugClass;
  via: MatchVia;
  /** The code or the name that matched. */
  matched: string;
  system?: string;
}

export interface VaccineMatch {
  vaccine: Vaccine;
  via: 'cvx';
  matched: string;
}

/** A site's mapping of a local drug code onto an agent or a class of the knowledge base. */
export interface LocalDrugCode {
  system: string;
  code: string;
  agent?: string;
  class?: string;
}

const classes = new Map(DRUG_CLASSES.map((c) => [c.id, c]));
const agentsById = new Map(DRUG_AGENTS.map((a) => [a.id, a]));
const agentByAtc = new Map<string, DrugAgent>();
const agentByRxnorm = new Map<string, DrugAgent>();
const names = new NameIndex<DrugAgent>();
for (const agent of DRUG_AGENTS) {
  for (const atc of agent.atc) if (!agentByAtc.has(atc)) agentByAtc.set(atc, agent);
  for (const rx of agent.rxnorm) agentByRxnorm.set(rx.code, agent);
  names.add(agent.name, agent);
  for (const synonym of agent.synonyms) names.add(synonym, agent);
}
/** Drug names repeat across orders and requests: each distinct text is scanned once. */
const findNames = memoizeString((text: string) => names.find(text), 5_000);

const prefixes = DRUG_CLASSES.flatMap((c) => c.atcPrefixes.map((p) => ({ prefix: p, drugClass: c }))).sort(
  (a, b) => b.prefix.length - a.prefix.length,
);

export function classOf(agent: DrugAgent): DrugClass {
  const c = classes.get(agent.classId);
  if (!c) throw new Error(`knowledge base: agent ${agent.id} names unknown class ${agent.classId}`);
  return c;
}

function classByAtcPrefix(code: string): DrugClass | undefined {
  return prefixes.find((p) => code.startsWith(p.prefix))?.drugClass;
}

function agentMatch(agent: DrugAgent, via: MatchVia, matched: string, system?: string): AgentMatch {
  return { agent, drugClass: classOf(agent), via, matched, ...(system ? { system } : {}) };
}

export class DrugRecognizer {
  private readonly local = new Map<string, LocalDrugCode>();

  constructor(localCodes: readonly LocalDrugCode[] = []) {
    for (const c of localCodes) this.local.set(`${c.system}|${c.code}`, c);
  }

  /**
   * Agents in a medication concept: codes first (local, RxNorm, exact ATC, ATC prefix), then
   * the names in the codings' displays and the text. One match per agent (or class).
   */
  recognize(concepts: readonly (CodeableConcept | undefined)[]): { agents: AgentMatch[]; vaccines: VaccineMatch[] } {
    const agents: AgentMatch[] = [];
    const vaccines: VaccineMatch[] = [];
    const seen = new Set<string>();
    const push = (m: AgentMatch) => {
      const key = m.agent?.id ?? `class:${m.drugClass.id}`;
      if (seen.has(key)) return;
      // A class-only match is redundant once an agent of that class is known.
      if (!m.agent && agents.some((a) => a.drugClass.id === m.drugClass.id)) return;
      seen.add(key);
      for (let i = agents.length - 1; i >= 0; i--) {
        const a = agents[i] as AgentMatch;
        if (m.agent && !a.agent && a.drugClass.id === m.drugClass.id) agents.splice(i, 1);
      }
      agents.push(m);
    };
    const texts: string[] = [];
    for (const concept of concepts) {
      if (!concept) continue;
      for (const c of concept.coding ?? []) {
        if (c.display) texts.push(c.display);
        if (!c.code) continue;
        const local = this.local.get(`${c.system ?? ''}|${c.code}`);
        if (local) {
          const agent = local.agent ? agentsById.get(local.agent) : undefined;
          const drugClass = agent ? classOf(agent) : local.class ? classes.get(local.class) : undefined;
          if (drugClass) {
            push({ ...(agent ? { agent } : {}), drugClass, via: 'local', matched: c.code, system: c.system ?? '' });
            continue;
          }
        }
        if (c.system === RXNORM_SYSTEM) {
          const agent = agentByRxnorm.get(c.code);
          if (agent) push(agentMatch(agent, 'rxnorm', c.code, c.system));
        } else if (c.system !== undefined && ATC_SYSTEMS.has(c.system)) {
          const code = c.code.trim().toUpperCase();
          const agent = agentByAtc.get(code);
          if (agent) push(agentMatch(agent, 'atc', code, c.system));
          else {
            const drugClass = classByAtcPrefix(code);
            if (drugClass) push({ drugClass, via: 'atc-prefix', matched: code, system: c.system });
          }
        } else if (c.system === CVX_SYSTEM) {
          const vaccine = vaccineByCvx(c.code);
          if (vaccine && !vaccines.some((v) => v.vaccine.cvx === vaccine.cvx)) {
            vaccines.push({ vaccine, via: 'cvx', matched: c.code });
          }
        }
      }
      if (concept.text) texts.push(concept.text);
    }
    for (const text of texts) {
      for (const hit of findNames(text)) push(agentMatch(hit.value, 'name', hit.name));
    }
    // "Виферон (интерферон альфа-2b)": the INN in a local interferon product's name is not a
    // systemic interferon alfa order.
    if (agents.some((a) => a.drugClass.id === 'local-interferon')) {
      return { agents: agents.filter((a) => !(a.via === 'name' && a.drugClass.id === 'interferon-alfa')), vaccines };
    }
    return { agents, vaccines };
  }
}

/** Roles by class and agent: knowledge-base objects, so each pair's set is built once (rules ask per order). */
const roleSets = new WeakMap<DrugClass, Map<DrugAgent | undefined, ReadonlySet<DrugRole>>>();

/** The roles an agent plays: its class's, plus its own, minus the ones it excludes. */
export function rolesOf(match: Pick<AgentMatch, 'agent' | 'drugClass'>): ReadonlySet<DrugRole> {
  let byAgent = roleSets.get(match.drugClass);
  if (!byAgent) {
    byAgent = new Map();
    roleSets.set(match.drugClass, byAgent);
  }
  let roles = byAgent.get(match.agent);
  if (!roles) {
    const own = new Set<DrugRole>(match.drugClass.roles);
    for (const r of match.agent?.roles ?? []) own.add(r);
    for (const r of match.agent?.excludeRoles ?? []) own.delete(r);
    roles = own;
    byAgent.set(match.agent, roles);
  }
  return roles;
}
