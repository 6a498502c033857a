/**
 * People and access: users with roles, personal API tokens (scoped, expiring, revocable, stored
 * hashed), form login for the UI and bearer tokens for the API.
 */
package org.lodestar.people;
