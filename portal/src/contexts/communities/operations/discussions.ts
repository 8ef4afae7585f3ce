import { graphql } from '../../../gql';

/** A community's discussions: threads and posts, moderation. */

export const START_THREAD = graphql(`
  mutation StartCommunityThread($id: ID!, $title: String!, $text: String!) {
    startCommunityThread(communityId: $id, title: $title, text: $text) {
      id
    }
  }
`);

export const THREAD = graphql(`
  query CommunityThreadPage($id: ID!) {
    communityThread(id: $id) {
      id
      title
      status
      canModerate
      community {
        id
        name
        status
      }
      posts {
        postId
        authorId
        text
        at
        hidden
        hiddenReason
        author {
          id
          fullName
        }
      }
    }
  }
`);

export const ADD_POST = graphql(`
  mutation AddCommunityPost($id: ID!, $text: String!) {
    addCommunityPost(threadId: $id, text: $text) {
      id
    }
  }
`);

export const HIDE_POST = graphql(`
  mutation HideCommunityPost($id: ID!, $postId: ID!, $reason: String!) {
    hideCommunityPost(threadId: $id, postId: $postId, reason: $reason) {
      id
    }
  }
`);
