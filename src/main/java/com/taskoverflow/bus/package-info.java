/**
 * The contract between the roles: the services the store offers on the event bus (their proxies
 * and handlers are generated at compile time), the typed values they exchange, the addresses, the
 * failure codes and the job events. A message field is named only in the value that carries it.
 */
@ModuleGen(name = "taskoverflow-bus", groupPackage = "com.taskoverflow")
package com.taskoverflow.bus;

import io.vertx.codegen.annotations.ModuleGen;
