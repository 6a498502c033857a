package org.lodestar.demo;

/**
 * Who a customer is. {@code brand} is the name people say ("Northwind Logistics"), {@code name} the
 * one on the contract ("Northwind Logistics GmbH"); {@code country} is an ISO 3166 code.
 */
record Company(String name, String brand, String domain, String productGroupId, String industry, String country) {
}
