/**
 * Shared web bits only: the layout, error responses as RFC 9457 problem details, request limits,
 * and the exceptions every module throws for bad input.
 */
package org.lodestar.web;
