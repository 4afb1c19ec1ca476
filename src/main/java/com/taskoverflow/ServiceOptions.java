package com.taskoverflow;

import com.taskoverflow.config.Role;
import java.util.Set;

/** What the command line may override in the service's configuration (null: not given). */
public record ServiceOptions(Set<Role> roles, String configFile, boolean cluster) {
}
