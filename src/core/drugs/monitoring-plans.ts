import type { MonitoringPlan } from './types.js';

/** Monitoring plans of the knowledge base (placeholder until the sourced data lands). */
export const MONITORING_PLANS: readonly MonitoringPlan[] = [];

const planIndex = new Map(MONITORING_PLANS.map((p) => [p.id, p]));

export function monitoringPlanById(id: string): MonitoringPlan | undefined {
  return planIndex.get(id);
}
