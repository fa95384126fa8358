/**
 * Every {@code funnelflow.*} option, declared once per area, and {@link dev.funnelflow.config.JobSettings}, which reads
 * and checks them once when the job is built and turns them into the domain's settings.
 */
package dev.funnelflow.config;
