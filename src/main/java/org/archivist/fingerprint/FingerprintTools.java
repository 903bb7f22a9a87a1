package org.archivist.fingerprint;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decoders that read pictures for perceptual hashes, one of each, injected where hashes are made. */
@Configuration(proxyBeanMethods = false)
class FingerprintTools {

    @Bean
    ImageDecoder imageDecoder(@Value("${archivist.decode.seconds:60}") long seconds) {
        return new ImageDecoder("ffmpeg", Duration.ofSeconds(seconds));
    }

    @Bean
    VideoPerceptualHash videoPerceptualHash(@Value("${archivist.decode.seconds:60}") long seconds) {
        return new VideoPerceptualHash("ffmpeg", "ffprobe", Duration.ofSeconds(seconds));
    }
}
