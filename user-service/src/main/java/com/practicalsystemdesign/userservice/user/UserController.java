package com.practicalsystemdesign.userservice.user;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import com.practicalsystemdesign.common.openapi.ProblemResponses;

import static org.springframework.http.HttpHeaders.IF_MATCH;

/**
 * The users API of docs/api.md. Validation and every error body (problem+json) come from
 * common: invalid bodies and parameters are 422, malformed JSON 400, absent users 404, a
 * taken email 409, PostgreSQL down 503. A user's version is its ETag; {@code If-Match}
 * makes a write conditional on it (412 when the user changed since). The annotations
 * document each operation's own answers; the ones every operation shares are added by
 * common's ProblemResponses.
 */
@RestController
@RequestMapping("/users")
@Tag(name = "users", description = "Users on PostgreSQL, read through a Redis cache-aside.")
@ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a user", description = "The email must not be used by another user, in any case.")
    @ApiResponse(responseCode = "201", description = "The user, created")
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    Mono<ResponseEntity<User>> create(@Valid @RequestBody UserCreate request) {
        return users.create(request).map(user -> user.answer(HttpStatus.CREATED));
    }

    @GetMapping
    @Operation(summary = "List users", description = "A page of users, ordered by id.")
    @ApiResponse(responseCode = "200", description = "The page; empty past the last user")
    @ApiResponse(responseCode = "422", ref = ProblemResponses.VALIDATION_FAILED)
    Mono<List<User>> list(
            @Parameter(description = "How many users, at most.") @RequestParam(
                    defaultValue = "100") @Min(1) @Max(1000) int limit,
            @Parameter(description = "How many users to skip, in id order.") @RequestParam(
                    defaultValue = "0") @Min(0) long offset) {
        return users.list(limit, offset);
    }

    /**
     * JSON only: the body is the user's JSON as bytes, often straight from Redis. Spring
     * answers 304 when {@code If-None-Match} names its ETag; Spring ignores
     * {@code If-Match} on a GET, so it is checked here.
     */
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a user",
            description = "Served from Redis when cached, else read from PostgreSQL and cached (cache-aside). "
                    + "With If-Match, only while the user is at a version it names.")
    @ApiResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = User.class)))
    @ApiResponse(responseCode = "304", ref = ProblemResponses.NOT_MODIFIED)
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @ApiResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @ApiResponse(responseCode = "422", ref = ProblemResponses.VALIDATION_FAILED)
    Mono<ResponseEntity<byte[]>> get(@Parameter(description = "The user's id.") @PathVariable long id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        IfMatch expected = IfMatch.parse(ifMatch);
        return users.find(id).map(user -> expected.check(id, user).answer(HttpStatus.OK));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Update a user",
            description = "A partial update: absent fields keep their value. An empty object changes nothing. "
                    + "With If-Match, only while the user is at a version it names.")
    @ApiResponse(responseCode = "200", description = "The user, updated")
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @ApiResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    Mono<ResponseEntity<User>> update(@Parameter(description = "The user's id.") @PathVariable long id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch, @Valid @RequestBody UserUpdate request) {
        return users.update(id, IfMatch.parse(ifMatch), request).map(user -> user.answer(HttpStatus.OK));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a user",
            description = "Removes the row and the cached copy. With If-Match, only while the user is at a version it names.")
    @ApiResponse(responseCode = "200", description = "The user is gone")
    @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @ApiResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @ApiResponse(responseCode = "422", ref = ProblemResponses.VALIDATION_FAILED)
    Mono<MessageResponse> delete(@Parameter(description = "The user's id.") @PathVariable long id,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch) {
        return users.delete(id, IfMatch.parse(ifMatch));
    }

}
