/**
 * PeerShare's Spring Boot auto-configuration: add {@code peershare-spring-boot-starter} to a servlet application
 * with {@code spring-boot-starter-websocket} and the endpoint is served at {@code peershare.path}. The public types
 * are the auto-configuration classes and {@link io.peershare.spring.PeerShareProperties}; the rest is internal.
 */
package io.peershare.spring;
