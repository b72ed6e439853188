package com.practicalsystemdesign.common.netty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * The refusals Netty makes while it decodes a request line and headers, before any Spring
 * code runs: a request line over {@code server.netty.max-initial-line-length} (414),
 * headers over {@code server.max-http-request-header-size} (431), or no valid HTTP (400).
 * Reactor Netty answers these with an empty body; this handler, placed right after the
 * HTTP codec, answers them as problem+json (with {@code nosniff}, as every answer of the
 * services) and closes the connection, as Reactor Netty does. The problem names the
 * request's path as its {@code instance} when the request line was read.
 */
public class RequestDecoderProblems implements NettyServerCustomizer {

    private static final String NAME = "requestDecoderProblems";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new ProblemOnDecoderFailure());
            }
        });
    }

    static FullHttpResponse problem(HttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        HttpResponseStatus status;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            detail = "The request line is longer than this service accepts; send a shorter URI";
        }
        else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            detail = "The request headers are larger than this service accepts; send fewer or shorter headers";
        }
        else {
            status = HttpResponseStatus.BAD_REQUEST;
            detail = "The request line or headers are not valid HTTP/1.1";
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.reasonPhrase());
        problem.put("status", status.code());
        problem.put("detail", detail);
        instance(request).ifPresent(path -> problem.put("instance", path));
        byte[] body = JsonMapper.shared().writeValueAsBytes(problem);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
            .set("x-content-type-options", "nosniff")
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    /**
     * The raw path of the request, as Spring's problems name it. When the request line
     * itself was too long or no HTTP, Netty never read it and passes on a placeholder (a
     * full request, which a request still being decoded never is): there is no path to
     * name then.
     */
    private static Optional<String> instance(HttpRequest request) {
        if (request instanceof FullHttpRequest) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new URI(request.uri()).getRawPath()).filter(path -> !path.isEmpty());
        }
        catch (URISyntaxException ex) {
            return Optional.empty();
        }
    }

    /**
     * Answers the first request that failed to decode, then drops whatever the codec
     * still passes on from that connection.
     */
    static final class ProblemOnDecoderFailure extends ChannelInboundHandlerAdapter {

        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                refused = true;
                FullHttpResponse problem = problem(request);
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(problem).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }

    }

}
