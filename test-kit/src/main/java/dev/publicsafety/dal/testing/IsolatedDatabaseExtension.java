package dev.publicsafety.dal.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Creates the database of an {@link IsolatedDatabase} test class and drops it afterwards. */
public final class IsolatedDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IsolatedDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        boolean migrated = AnnotationSupport.findAnnotation(testClass, IsolatedDatabase.class)
                .map(IsolatedDatabase::migrated)
                .orElse(true);
        String name = databaseName(testClass);
        TestDatabase database = TestDatabases.shared().create(name, migrated);
        context.getStore(NAMESPACE).put(testClass, database);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase database = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), TestDatabase.class);
        if (database != null) {
            TestDatabases.shared().drop(database.name());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Stores fall back to their parents, so a method context finds what its class stored.
        return extensionContext.getStore(NAMESPACE).get(extensionContext.getRequiredTestClass(), TestDatabase.class);
    }

    private static String databaseName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (simple.length() > 40) {
            simple = simple.substring(0, 40);
        }
        return "dal_t_" + simple + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }
}
