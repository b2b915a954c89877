package dev.flagledger.server.privacy;

import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.privacy.keys.KeyringConfig;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.privacy.subject.SubjectVault;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * Encryption at rest and personal data (docs/privacy.md). The keyring comes from
 * {@code flagledger.encryption.keys} (inline {@code id=base64,...}) and/or
 * {@code flagledger.encryption.key-file}, the current key from {@code flagledger.encryption.current-key}
 * (else the last one); with no keys nothing is encrypted at rest, and personal data is still sealed
 * under subject keys (stored unwrapped then).
 */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    @Bean
    Keyring keyring(@Value("${flagledger.encryption.keys:}") String keys,
                    @Value("${flagledger.encryption.key-file:}") String keyFile,
                    @Value("${flagledger.encryption.current-key:}") String currentKey) {
        return KeyringConfig.load(keys, keyFile, currentKey);
    }

    @Bean
    SubjectVault subjectVault(JdbcTemplate jdbc, PlatformTransactionManager transactions, Keyring keyring, Clock clock) {
        return new SubjectVault(jdbc, transactions, keyring, clock);
    }

    @Bean
    PersonalData personalData(SubjectVault vault) {
        return new PersonalData(vault);
    }

    /**
     * Every command, from any path (GraphQL, the scheduler, approvals), has its personal values sealed
     * on the command bus before an aggregate sees it.
     */
    @Bean
    SmartInitializingSingleton personalDataSealing(CommandBus commandBus, PersonalData personalData) {
        return () -> commandBus.registerDispatchInterceptor(new PersonalDataSealing(personalData));
    }
}
