/**
 * Spring Boot auto-configuration for the Private Number SDK: the client and its ports, the notification webhook
 * with sinks and application events, the health indicator, all from {@code privatenumber.*} properties
 * ({@link io.github.privatenumber.spring.PrivateNumberProperties}). Works with Spring Boot 3.5 and 4.0.
 *
 * <p>Null contract: parameters are non-null unless documented otherwise; properties that are not set are
 * {@code null} components of the properties records; methods return {@code Optional} rather than {@code null}.
 */
package io.github.privatenumber.spring;
