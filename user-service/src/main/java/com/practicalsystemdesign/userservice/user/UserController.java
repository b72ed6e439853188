package com.practicalsystemdesign.userservice.user;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.practicalsystemdesign.common.model.MessageResponse;
import com.practicalsystemdesign.common.model.User;
import com.practicalsystemdesign.common.model.UserCreate;
import com.practicalsystemdesign.common.model.UserUpdate;

import static org.springframework.http.HttpHeaders.IF_MATCH;

/**
 * The users API of docs/api.md. Validation and every error body (problem+json) come from
 * common: invalid bodies and parameters are 422, malformed JSON 400, absent users 404, a
 * taken email 409, PostgreSQL down 503. A user's version is its ETag; {@code If-Match}
 * makes a write conditional on it (412 when the user changed since).
 */
@RestController
@RequestMapping("/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<User>> create(@Valid @RequestBody UserCreate request) {
        return users.create(request).map(user -> user.answer(HttpStatus.CREATED));
    }

    @GetMapping
    Mono<List<User>> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) long offset) {
        return users.list(limit, offset);
    }

    /**
     * JSON only: the body is the user's JSON as bytes, often straight from Redis. Spring
     * answers 304 when {@code If-None-Match} names its ETag.
     */
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = User.class)))
    Mono<ResponseEntity<byte[]>> get(@PathVariable long id) {
        return users.find(id).map(user -> user.answer(HttpStatus.OK));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<User>> update(@PathVariable long id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch, @Valid @RequestBody UserUpdate request) {
        return users.update(id, IfMatch.parse(ifMatch), request).map(user -> user.answer(HttpStatus.OK));
    }

    @DeleteMapping("/{id}")
    Mono<MessageResponse> delete(@PathVariable long id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return users.delete(id, IfMatch.parse(ifMatch));
    }

}
