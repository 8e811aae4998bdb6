/**
 * In-process fakes of the external systems omnisync talks to, for the sandbox and for tests.
 *
 * <p>Rules for every fake: plain Java (no Spring), written from the owner's published contract only (no
 * dependency on other omnisync packages), serves on 127.0.0.1 with the JDK {@code HttpServer}, and checks every
 * request it receives against the contract with {@link io.omnisync.sandbox.ContractValidator}, so a passing
 * test means the real API would accept the call.
 */
package io.omnisync.sandbox;
