package io.omnisync.platform.poll;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.channel.ChannelProperties;
import io.omnisync.platform.checkpoint.Checkpoints;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.webhook.Normaliser;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The channel order poller over whichever channel connectors are enabled. */
@Configuration(proxyBeanMethods = false)
public class PollConfiguration {

    @Bean
    ChannelOrderPoller channelOrderPoller(ObjectProvider<ChannelOrderSource> sources, Normaliser normaliser, Journal journal,
                                          BusSignal signal, Checkpoints checkpoints, DeadLetters deadLetters,
                                          ChannelProperties properties, Clock clock, MeterRegistry registry) {
        return new ChannelOrderPoller(sources.orderedStream().toList(), normaliser, journal, signal, checkpoints,
                deadLetters, properties, clock, registry);
    }
}
