package dev.publicsafety.dal.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Creates the database of an {@link IsolatedDatabase} test class and drops it afterwards; makes its
 * {@link ApplicationRole} and {@link Tenant} when a parameter first asks for them and drops the role
 * before the database.
 */
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
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Class<?> testClass = context.getRequiredTestClass();
        store.remove(tenantKey(testClass), Tenant.class);
        ApplicationRole role = store.remove(roleKey(testClass), ApplicationRole.class);
        TestDatabase database = store.remove(testClass, TestDatabase.class);
        try {
            if (role != null) {
                role.close();
            }
        } finally {
            if (database != null) {
                TestDatabases.shared().drop(database.name());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestDatabase.class || type == ApplicationRole.class || type == Tenant.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == Tenant.class) {
            return tenant(extensionContext);
        }
        return type == ApplicationRole.class ? role(extensionContext) : database(extensionContext);
    }

    private static TestDatabase database(ExtensionContext context) {
        // Stores fall back to their parents, so a method context finds what its class stored.
        return context.getStore(NAMESPACE).get(context.getRequiredTestClass(), TestDatabase.class);
    }

    private static synchronized ApplicationRole role(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ApplicationRole role = context.getStore(NAMESPACE).get(roleKey(testClass), ApplicationRole.class);
        if (role == null) {
            int poolSize = AnnotationSupport.findAnnotation(testClass, IsolatedDatabase.class)
                    .map(IsolatedDatabase::rolePoolSize)
                    .orElse(4);
            role = ApplicationRole.create(database(context), poolSize);
            classContext(context).getStore(NAMESPACE).put(roleKey(testClass), role);
        }
        return role;
    }

    private static synchronized Tenant tenant(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Tenant tenant = context.getStore(NAMESPACE).get(tenantKey(testClass), Tenant.class);
        if (tenant == null) {
            String slug = testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            tenant = Tenant.create(role(context), slug);
            classContext(context).getStore(NAMESPACE).put(tenantKey(testClass), tenant);
        }
        return tenant;
    }

    /** What a test method asks for lives as long as its class. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static String roleKey(Class<?> testClass) {
        return testClass.getName() + "#role";
    }

    private static String tenantKey(Class<?> testClass) {
        return testClass.getName() + "#tenant";
    }

    private static String databaseName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (simple.length() > 40) {
            simple = simple.substring(0, 40);
        }
        return "dal_t_" + simple + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }
}
