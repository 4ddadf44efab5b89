/**
 * The starter's plumbing: property translation, transport selection and observation, the webhook handler, the
 * sink that fans out to beans and events, and the health indicators for both Spring Boot lines. Not API: it may
 * change in any release.
 *
 * <p>Null contract: parameters are non-null unless documented otherwise.
 */
package io.github.privatenumber.spring.internal;
