package dev.flagledger.server.schedule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The one clock of scheduling: the Flag aggregate decides "due" and measures the delay with it, the
 * dispatcher decides when to send with it. A bean, so a test can replace it.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
