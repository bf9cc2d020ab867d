package io.veil.keys;

import io.veil.keys.spi.KeySourceProvider;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The key source providers on the classpath, found once with {@link ServiceLoader} through the
 * thread's context class loader (Spark's for user jars) and Veil's own.
 */
final class KeySourceProviders {
  static final Set<String> BUILT_IN = Set.of("env", "file", "keystore", "hadoop");

  private static volatile Map<String, KeySourceProvider> providers;

  private KeySourceProviders() {}

  static KeySourceProvider get(String scheme) {
    return all().get(scheme.toLowerCase(Locale.ROOT));
  }

  static Map<String, KeySourceProvider> all() {
    Map<String, KeySourceProvider> p = providers;
    if (p == null) {
      synchronized (KeySourceProviders.class) {
        if (providers == null) {
          providers = load();
        }
        p = providers;
      }
    }
    return p;
  }

  private static Map<String, KeySourceProvider> load() {
    Map<String, KeySourceProvider> found = new TreeMap<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader loader :
        context == null
            ? List.of(KeySourceProviders.class.getClassLoader())
            : List.of(context, KeySourceProviders.class.getClassLoader())) {
      try {
        for (KeySourceProvider provider : ServiceLoader.load(KeySourceProvider.class, loader)) {
          String scheme = provider.scheme().toLowerCase(Locale.ROOT);
          if (!BUILT_IN.contains(scheme)) {
            found.putIfAbsent(scheme, provider);
          }
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException(
            "Cannot load the key source providers listed in META-INF/services/"
                + KeySourceProvider.class.getName()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return Collections.unmodifiableMap(found);
  }
}
